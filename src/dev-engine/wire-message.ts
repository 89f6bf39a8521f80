/** Just enough of the MongoDB wire protocol for the relay: framing, moreToCome, and a command's name. */

const OP_QUERY = 2004;
const OP_MSG = 2013;
const MORE_TO_COME = 1 << 1;
const HEADER_BYTES = 16;
const BSON_EMBEDDED_DOCUMENT = 0x03;

/** Returns the first whole message at the start of the buffer, if there is one. */
export function takeMessage(buffer: Buffer): Buffer | undefined {
  if (buffer.length < 4) return undefined;
  const length = buffer.readInt32LE(0);
  if (length < HEADER_BYTES) throw new Error(`malformed wire message of ${length} bytes`);
  if (buffer.length < length) return undefined;
  return buffer.subarray(0, length);
}

export function expectsReply(message: Buffer): boolean {
  const opCode = message.readInt32LE(12);
  return !(opCode === OP_MSG && (message.readUInt32LE(16) & MORE_TO_COME) !== 0);
}

/**
 * The command a message carries, which is the first key of its command document: the body section
 * (kind 0) of an OP_MSG, or the query of a legacy OP_QUERY on `<db>.$cmd` (unwrapping `$query`).
 * Reads a few bytes without decoding the document; undefined for anything else or anything malformed.
 */
export function commandName(message: Buffer): string | undefined {
  const opCode = message.length >= HEADER_BYTES ? message.readInt32LE(12) : 0;
  if (opCode === OP_MSG) return opMsgCommand(message);
  if (opCode === OP_QUERY) return opQueryCommand(message);
  return undefined;
}

function opMsgCommand(message: Buffer): string | undefined {
  // header, then flagBits, then sections: kind 0 is one document, kind 1 a sized sequence to skip
  for (let offset = HEADER_BYTES + 4; offset < message.length;) {
    const kind = message[offset];
    if (kind === 0) return firstKey(message, offset + 1)?.key;
    if (kind !== 1 || offset + 5 > message.length) return undefined;
    const size = message.readInt32LE(offset + 1);
    if (size < 4) return undefined;
    offset += 1 + size;
  }
  return undefined;
}

function opQueryCommand(message: Buffer): string | undefined {
  // header, flags, fullCollectionName, numberToSkip, numberToReturn, query
  const nameStart = HEADER_BYTES + 4;
  const nameEnd = message.indexOf(0, nameStart);
  if (nameEnd < 0 || !message.toString('latin1', nameStart, nameEnd).endsWith('.$cmd')) return undefined;
  const first = firstKey(message, nameEnd + 1 + 8);
  if (first?.key !== '$query' || first.type !== BSON_EMBEDDED_DOCUMENT) return first?.key;
  return firstKey(message, first.valueOffset)?.key;
}

/** The first element of the BSON document at `offset`: its type, its key, and where its value starts. */
function firstKey(message: Buffer, offset: number): { type: number; key: string; valueOffset: number } | undefined {
  const typeAt = offset + 4;
  if (typeAt >= message.length || message[typeAt] === 0) return undefined;
  const keyEnd = message.indexOf(0, typeAt + 1);
  if (keyEnd < 0) return undefined;
  return { type: message[typeAt], key: message.toString('utf8', typeAt + 1, keyEnd), valueOffset: keyEnd + 1 };
}
