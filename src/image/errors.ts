// The one error type of the image store. `code` says what kind of failure it
// is, so the engine can turn it into Docker's exit status and the kernel into
// an errno (ENOSPC for a full store), and `message` is what a person reads.

export type ImageErrorCode =
  | 'invalid-reference' // Docker: "invalid reference format"
  | 'not-found' // no such image, tag, blob or snapshot
  | 'invalid-content' // malformed manifest/config/index, unknown media type
  | 'digest-mismatch' // content does not hash or size as announced
  | 'too-large' // a limit of a layer, an entry or a JSON document
  | 'unsafe-layer' // hostile tar content that we refuse
  | 'no-space' // the backend is out of quota/disk (ENOSPC)
  | 'conflict'; // e.g. removing an image a tag or another image still needs

export class ImageError extends Error {
  constructor(
    readonly code: ImageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ImageError';
  }
}

export const isImageError = (error: unknown, code?: ImageErrorCode): error is ImageError =>
  error instanceof ImageError && (code === undefined || error.code === code);
