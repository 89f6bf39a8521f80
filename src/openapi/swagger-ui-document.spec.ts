import { escapedForSwaggerUiInit, isSwaggerUiInit } from './swagger-ui-document';

/** What @nestjs/swagger does with the document: paste its JSON into a template with a replacement string. */
const pasteIntoTemplate = (document: unknown): string =>
  'let options = <% swaggerOptions %>;'.replace('<% swaggerOptions %>', JSON.stringify(document));

describe('escapedForSwaggerUiInit', () => {
  const document = {
    $ref: '#/x',
    description: 'Invalid request (validation, unknown fields, `$`-keys)',
    others: ["$'", '$&', '$$', '$<name>', 'price in $', { 'a$`b': ['$1'] }],
    count: 3,
    flag: true,
    nothing: null,
  };

  it('makes the pasted script carry the document exactly, whatever `$` patterns its text holds', () => {
    expect(pasteIntoTemplate(document)).not.toBe(`let options = ${JSON.stringify(document)};`);
    expect(pasteIntoTemplate(escapedForSwaggerUiInit(document))).toBe(`let options = ${JSON.stringify(document)};`);
  });

  it('leaves the original document untouched', () => {
    const copy = structuredClone(document);
    escapedForSwaggerUiInit(document);
    expect(document).toEqual(copy);
  });
});

describe('isSwaggerUiInit', () => {
  it('matches the init script however it is asked for, and nothing else', () => {
    expect(isSwaggerUiInit('/docs/swagger-ui-init.js')).toBe(true);
    expect(isSwaggerUiInit('/docs/docs/swagger-ui-init.js?v=1')).toBe(true);
    expect(isSwaggerUiInit('/docs-json')).toBe(false);
  });
});
