// Docker's flag syntax (spf13/pflag as the docker CLI configures it):
// combined short flags (-it), -e VALUE / -eVALUE, --flag VALUE /
// --flag=value, repeated flags gathering values, flags stopping at the first
// argument that is not one (`run IMAGE CMD...`), `--` ending flags.
export interface FlagSpec {
  long: string;
  short?: string;
  /** Takes a value (string flags); else boolean. */
  value?: boolean;
  repeat?: boolean;
}

export type FlagValues = Map<string, string[]>;

export class FlagError extends Error {}

export interface Parsed {
  flags: FlagValues;
  args: string[];
}

/** Each verb's flags by name, made once (`run` has some sixty). */
const indexes = new WeakMap<
  readonly FlagSpec[],
  { byLong: Map<string, FlagSpec>; byShort: Map<string, FlagSpec> }
>();

function indexOf(specs: readonly FlagSpec[]) {
  let index = indexes.get(specs);
  if (!index) {
    index = {
      byLong: new Map(specs.map((s) => [s.long, s])),
      byShort: new Map(specs.filter((s) => s.short).map((s) => [s.short!, s])),
    };
    indexes.set(specs, index);
  }
  return index;
}

export function parseFlags(
  argv: readonly string[],
  specs: readonly FlagSpec[],
  interspersed = false,
): Parsed {
  const flags: FlagValues = new Map();
  const args: string[] = [];
  const { byLong, byShort } = indexOf(specs);
  const set = (spec: FlagSpec, value: string) => {
    const values = flags.get(spec.long) ?? [];
    if (spec.repeat) values.push(value);
    else values.splice(0, values.length, value);
    flags.set(spec.long, values);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      const spec = byLong.get(name);
      if (!spec) throw new FlagError(`unknown flag: --${name}`);
      if (spec.value) {
        if (eq >= 0) set(spec, arg.slice(eq + 1));
        else if (i + 1 < argv.length) set(spec, argv[++i]!);
        else throw new FlagError(`flag needs an argument: --${name}`);
      } else {
        const text = eq >= 0 ? arg.slice(eq + 1) : 'true';
        if (!['true', 'false', '1', '0', 't', 'f', 'TRUE', 'FALSE'].includes(text)) {
          throw new FlagError(
            `invalid argument "${text}" for "--${name}" flag: strconv.ParseBool: parsing "${text}": invalid syntax`,
          );
        }
        set(spec, ['true', '1', 't', 'TRUE'].includes(text) ? 'true' : 'false');
      }
      continue;
    }
    if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const letter = arg[j]!;
        const spec = byShort.get(letter);
        if (!spec) throw new FlagError(`unknown shorthand flag: '${letter}' in ${arg}`);
        if (!spec.value) {
          set(spec, 'true');
          continue;
        }
        const rest = arg.slice(j + 1);
        if (rest.length > 0) set(spec, rest.startsWith('=') ? rest.slice(1) : rest);
        else if (i + 1 < argv.length) set(spec, argv[++i]!);
        else throw new FlagError(`flag needs an argument: '${letter}' in -${letter}`);
        break;
      }
      continue;
    }
    if (interspersed) {
      args.push(arg);
      continue;
    }
    args.push(...argv.slice(i));
    break;
  }
  return { flags, args };
}

export const flagOn = (flags: FlagValues, long: string): boolean =>
  flags.get(long)?.at(-1) === 'true';
export const flagValue = (flags: FlagValues, long: string): string | undefined =>
  flags.get(long)?.at(-1);
export const flagValues = (flags: FlagValues, long: string): string[] => flags.get(long) ?? [];
