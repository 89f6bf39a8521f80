/**
 * @nestjs/swagger writes the document into swagger-ui-init.js with `String.prototype.replace` and a
 * replacement *string*, where `$$`, `$&`, `` $` ``, `$'` and `$<` are patterns: a description holding
 * `` $` `` pasted the script's own text into itself and cut it short ("Invalid or unexpected token",
 * blank /docs). Doubling every `$` in the document's keys and strings makes the replacement yield the
 * document exactly, whatever its text. Only the UI's copy is escaped; /docs-json serves the original.
 */
export function escapedForSwaggerUiInit<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\$/g, '$$$$') as T;
  if (Array.isArray(value)) return value.map((item: unknown) => escapedForSwaggerUiInit(item)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [
        escapedForSwaggerUiInit(key),
        escapedForSwaggerUiInit(item as unknown),
      ]),
    ) as T;
  }
  return value;
}

/** True for the request that fetches swagger-ui-init.js, the one place the document is pasted into code. */
export const isSwaggerUiInit = (url: string): boolean => url.split('?')[0].endsWith('/swagger-ui-init.js');
