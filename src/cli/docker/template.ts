// The small part of Go's text/template that `--format` is used with:
// `{{.Field}}`, `{{.Field.Sub}}`, `{{json .}}`, `{{json .Field}}`, and a leading `table`
// asking for a header row and aligned columns.
export class TemplateError extends Error {}

export interface FormatTemplate {
  table: boolean;
  render(fields: Record<string, unknown>): string;
  header(headers: Record<string, string>): string;
}

const ACTION = /\{\{\s*(json\s+)?\.([A-Za-z0-9_.]*)\s*\}\}/g;

/** Go's fmt %v of a JSON value: [a b] for slices, map[k:v] for maps. */
function goText(value: unknown): string {
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goText).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a.localeCompare(b),
    );
    return `map[${entries.map(([k, v]) => `${k}:${goText(v)}`).join(' ')}]`;
  }
  return String(value);
}

export function parseTemplate(text: string, typeName: string): FormatTemplate {
  const table = text.startsWith('table');
  const body = (table ? text.slice(5).trimStart() : text)
    .replace(/\\t/g, '\t')
    .replace(/\\n/g, '\n');
  const unknown = body.replace(ACTION, '');
  if (/\{\{|\}\}/.test(unknown)) {
    throw new TemplateError(
      `template parsing error: template: :1: function not defined in "${text}"`,
    );
  }
  const apply = (replace: (json: boolean, field: string) => string) =>
    body.replace(ACTION, (_match, json: string | undefined, field: string) =>
      replace(json !== undefined, field),
    );
  return {
    table,
    render(fields) {
      return apply((json, field) => {
        let value: unknown = fields;
        for (const part of field === '' ? [] : field.split('.')) {
          value =
            typeof value === 'object' && value !== null
              ? (value as Record<string, unknown>)[part]
              : undefined;
        }
        if (value === undefined) {
          throw new TemplateError(
            `template: :1:${body.indexOf(`.${field}`) + 2}: executing "" at <.${field}>: can't evaluate field ${field} in type ${typeName}`,
          );
        }
        return json ? JSON.stringify(value) : goText(value);
      });
    },
    header(headers) {
      return apply((json, field) => (field === '' ? '' : (headers[field] ?? field.toUpperCase())));
    },
  };
}
