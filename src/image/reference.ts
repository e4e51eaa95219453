// Docker image references: parsing and normalisation, as the grammar of
// distribution/reference defines them (written from the grammar):
//
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [ domain "/" ] path-component ( "/" path-component )*
//   domain     := host [ ":" port ]   (host: DNS labels, IPv4, or [IPv6])
//   path-comp  := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
//   tag        := [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}
//   digest     := algorithm ":" hex   (algorithm: [A-Za-z][A-Za-z0-9]* joined by [+._-])
//
// Normalisation is Docker's: a first component that has no "." or ":" and is
// not "localhost" is not a domain, so `box` is `docker.io/library/box` and
// `me/app` is `docker.io/me/app`; `index.docker.io` is `docker.io`; no tag and
// no digest means `:latest`.
import { ImageError } from './errors.ts';

export const DEFAULT_DOMAIN = 'docker.io';
export const OFFICIAL_REPOSITORY_PREFIX = 'library/';
export const DEFAULT_TAG = 'latest';
const LEGACY_DEFAULT_DOMAIN = 'index.docker.io';
const NAME_TOTAL_LENGTH_MAX = 255;

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const DOMAIN_LABEL = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const HOST = `(?:${DOMAIN_NAME}|${IPV6})`;
const DOMAIN = `${HOST}(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';

const PATH_RE = new RegExp(`^${PATH_COMPONENT}(?:/${PATH_COMPONENT})*$`);
const DOMAIN_RE = new RegExp(`^${DOMAIN}$`);
const TAG_RE = new RegExp(`^${TAG}$`);
const DIGEST_RE = new RegExp(`^${DIGEST}$`);
const IMAGE_ID_RE = /^[a-f0-9]{64}$/;

/** A parsed, normalised reference. `tag` is set unless only a digest was given. */
export interface Reference {
  /** Registry host, e.g. `docker.io`. */
  domain: string;
  /** Repository path inside the registry, e.g. `library/box`. */
  path: string;
  tag?: string;
  digest?: string;
}

const invalid = (detail?: string): ImageError =>
  new ImageError(
    'invalid-reference',
    detail ? `invalid reference format: ${detail}` : 'invalid reference format',
  );

/**
 * Parses a reference as `docker pull/run/tag` do (ParseNormalizedNamed), and
 * adds the default tag when neither tag nor digest is given.
 */
export function parseReference(text: string): Reference {
  const reference = parseNormalizedNamed(text);
  if (reference.tag === undefined && reference.digest === undefined) reference.tag = DEFAULT_TAG;
  return reference;
}

/** Like parseReference, without adding `latest` (for `docker images NAME`, `docker save NAME`). */
export function parseNormalizedNamed(text: string): Reference {
  if (IMAGE_ID_RE.test(text)) {
    throw new ImageError(
      'invalid-reference',
      `invalid repository name (${text}), cannot specify 64-byte hexadecimal strings`,
    );
  }
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST_RE.test(digest)) throw invalid();
  }
  let tag: string | undefined;
  // A tag follows the last ":" only if no "/" comes after it (else it is a port).
  const colon = rest.lastIndexOf(':');
  if (colon >= 0 && !rest.slice(colon).includes('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG_RE.test(tag)) throw invalid();
  }
  if (rest === '') throw invalid();
  const { domain, path } = splitDomain(rest);
  if (!DOMAIN_RE.test(domain)) throw invalid();
  if (!PATH_RE.test(path)) {
    if (PATH_RE.test(path.toLowerCase())) throw invalid('repository name must be lowercase');
    throw invalid();
  }
  if (domain.length + 1 + path.length > NAME_TOTAL_LENGTH_MAX) {
    throw invalid(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  const reference: Reference = { domain, path };
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  return reference;
}

function splitDomain(name: string): { domain: string; path: string } {
  const slash = name.indexOf('/');
  const first = slash < 0 ? '' : name.slice(0, slash);
  const isDomain =
    slash >= 0 && (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first);
  if (!isDomain) {
    return { domain: DEFAULT_DOMAIN, path: slash < 0 ? OFFICIAL_REPOSITORY_PREFIX + name : name };
  }
  const domain = first === LEGACY_DEFAULT_DOMAIN ? DEFAULT_DOMAIN : first;
  let path = name.slice(slash + 1);
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) path = OFFICIAL_REPOSITORY_PREFIX + path;
  return { domain, path };
}

/** `docker.io/library/box` — the fully qualified repository name. */
export const repositoryName = (reference: Reference): string =>
  `${reference.domain}/${reference.path}`;

/** The canonical string: `docker.io/library/box:latest`, `...@sha256:...`. */
export function formatReference(reference: Reference): string {
  let text = repositoryName(reference);
  if (reference.tag !== undefined) text += `:${reference.tag}`;
  if (reference.digest !== undefined) text += `@${reference.digest}`;
  return text;
}

/** The short name `docker images` shows: `box`, `me/app`, `localhost:5000/x`. */
export function familiarName(reference: Reference): string {
  if (reference.domain !== DEFAULT_DOMAIN) return repositoryName(reference);
  return reference.path.startsWith(OFFICIAL_REPOSITORY_PREFIX)
    ? reference.path.slice(OFFICIAL_REPOSITORY_PREFIX.length)
    : reference.path;
}

/** `box:latest`, as `docker images` and `docker save`'s repositories file name things. */
export function familiarString(reference: Reference): string {
  let text = familiarName(reference);
  if (reference.tag !== undefined) text += `:${reference.tag}`;
  if (reference.digest !== undefined) text += `@${reference.digest}`;
  return text;
}

/** Checks a tag alone (`docker tag SRC NAME:TAG` validates the tag part). */
export const isValidTag = (tag: string): boolean => TAG_RE.test(tag);
