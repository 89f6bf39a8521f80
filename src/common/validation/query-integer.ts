/**
 * A query string carries numbers as text: a plain run of digits becomes the number it spells, anything
 * else is left as it is for @IsInt to refuse ("5.0", "1e3", " 5" are not page sizes).
 */
export const queryInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
