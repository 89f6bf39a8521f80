/**
 * Jest transformer for DTO files (the e2e project routes `*.dto.ts` here): compiles them with the Nest
 * Swagger plugin and the options `nest build` gives it (nest-cli.json), so the app under test serves the
 * same OpenAPI document as the built one. The plugin reads types, so the DTOs are compiled from one
 * TypeScript program per worker; every other file keeps swc's fast file-by-file path, which has no
 * plugin that reads types.
 */
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const ts = require('typescript');
const { before } = require('@nestjs/swagger/plugin');
const nestCli = require('../../nest-cli.json');

const ROOT = join(__dirname, '..', '..');
const PLUGIN = '@nestjs/swagger/plugin';
const { options: pluginOptions } = nestCli.compilerOptions.plugins.find(({ name }) => name === PLUGIN);

let program;

/** A program holding every DTO, rebuilt (reusing what it can) when a file's text is not the one it read. */
function programWith(fileName, sourceText) {
  const current = program?.getSourceFile(fileName);
  if (current && current.text === sourceText) return program;
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    { sourceMap: false, inlineSourceMap: true, inlineSources: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  const dtos = config.fileNames.filter((name) => name.endsWith('.dto.ts'));
  program = ts.createProgram({
    rootNames: [...new Set([...dtos, fileName])],
    options: config.options,
    oldProgram: program,
  });
  return program;
}

module.exports = {
  process(sourceText, fileName) {
    const compiled = programWith(fileName, sourceText);
    let code;
    compiled.emit(
      compiled.getSourceFile(fileName),
      (name, text) => {
        if (name.endsWith('.js')) code = text;
      },
      undefined,
      false,
      { before: [before(pluginOptions, compiled)] },
    );
    if (code === undefined) throw new Error(`${PLUGIN}: nothing emitted for ${fileName}`);
    return { code };
  },

  getCacheKey(sourceText, fileName) {
    return createHash('sha256')
      .update(readFileSync(__filename))
      .update(JSON.stringify(pluginOptions))
      .update(require('@nestjs/swagger/package.json').version)
      .update(ts.version)
      .update(readFileSync(join(ROOT, 'tsconfig.json')))
      .update(fileName)
      .update(sourceText)
      .digest('hex');
  },
};
