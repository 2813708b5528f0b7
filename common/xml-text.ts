// Reading the few leaf values a SOAP or WS-Discovery message carries (an address, a token, a
// list of URLs) without a full XML parser. Namespace prefixes are ignored; only elements that hold
// plain text match; every result is bounded. Callers pass element names they wrote, never input.

const MAX_MATCHES = 256;

function elementPattern(name: string, content: string): RegExp {
  if (!/^[A-Za-z][\w.-]*$/.test(name)) throw new Error(`bad element name ${name}`);
  return new RegExp(`<(?:[\\w.-]+:)?${name}(?:\\s[^>]*)?>(${content})</(?:[\\w.-]+:)?${name}\\s*>`, 'g');
}

/** Decoded text of each `<prefix:name>text</prefix:name>`, in document order. */
export function xmlTexts(xml: string, name: string, limit = MAX_MATCHES): string[] {
  const out: string[] = [];
  for (const match of xml.matchAll(elementPattern(name, '[^<]*'))) {
    out.push(xmlUnescape(match[1] ?? '').trim());
    if (out.length >= limit) break;
  }
  return out;
}

export function xmlText(xml: string, name: string): string | undefined {
  return xmlTexts(xml, name, 1)[0];
}

/** Inner XML of each element `name` (not nested in itself), e.g. every ProbeMatch of a reply. */
export function xmlBlocks(xml: string, name: string, limit = MAX_MATCHES): string[] {
  const out: string[] = [];
  for (const match of xml.matchAll(elementPattern(name, '[\\s\\S]*?'))) {
    out.push(match[1] ?? '');
    if (out.length >= limit) break;
  }
  return out;
}

/** The local name of the first element inside the SOAP Body: the operation a request asks for. */
export function soapOperation(xml: string): string | undefined {
  return /<(?:[\w.-]+:)?Body(?:\s[^>]*)?>\s*<(?:[\w.-]+:)?([A-Za-z][\w.-]{0,63})[\s/>]/.exec(xml)?.[1];
}

export function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&${{ '<': 'lt', '>': 'gt', '&': 'amp', '"': 'quot', "'": 'apos' }[c]};`);
}

const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

export function xmlUnescape(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|lt|gt|amp|quot|apos);/g, (whole, entity: string) => {
    if (entity[0] !== '#') return named[entity] ?? whole;
    const code = entity[1] === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
