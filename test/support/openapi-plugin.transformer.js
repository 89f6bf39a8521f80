/**
 * The Nest Swagger plugin as a ts-jest AST transformer, with the options `nest build` gives it
 * (nest-cli.json), so the app under test serves the same OpenAPI document as the built one.
 */
const { before } = require('@nestjs/swagger/plugin');
const { compilerOptions } = require('../../nest-cli.json');

const { options } = compilerOptions.plugins.find(({ name }) => name === '@nestjs/swagger/plugin');

module.exports = {
  name: 'nestjs-swagger-plugin',
  version: 1,
  factory: (tsCompiler) => before(options, tsCompiler.program),
};
