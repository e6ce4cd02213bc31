// STRING fields are GBK-encoded (JT/T 808 §4.2). Node's TextDecoder reads GBK; for writing,
// the reverse table is built once from that same decoder over every two-byte GBK code, so
// Harbor carries no hand-written table (and no dependency) for the ~21,000 characters.
const decoder = new TextDecoder('gbk');
let encodeTable: Map<string, number> | undefined;

export function decodeGbk(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export function encodeGbk(text: string): Uint8Array {
  encodeTable ??= buildTable();
  const out: number[] = [];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const pair = encodeTable.get(char) ?? 0x3f; // '?' for a character GBK lacks
      if (pair > 0xff) out.push(pair >> 8, pair & 0xff);
      else out.push(pair);
    }
  }
  return Uint8Array.from(out);
}

function buildTable(): Map<string, number> {
  const table = new Map<string, number>();
  const pair = new Uint8Array(2);
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      pair[0] = lead;
      pair[1] = trail;
      const char = decoder.decode(pair);
      if (char.length === 1 && char !== '\ufffd' && !table.has(char))
        table.set(char, (lead << 8) | trail);
    }
  }
  return table;
}
