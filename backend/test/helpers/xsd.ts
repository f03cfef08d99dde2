/** Validation of exported XML against the schemas in test/fixtures/xsd (see its README) with xmllint-wasm. */
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

const xsd = (name: string, as = name) => ({ fileName: as, contents: readFileSync(new URL(`../fixtures/xsd/${name}`, import.meta.url), 'utf8') });

/** The official XLIFF schemas import xml.xsd by these locations; the local copy stands in for each. */
const XML_XSD = ['xml.xsd', 'http://www.w3.org/2001/xml.xsd', 'informativeCopiesOf3rdPartySchemas/w3c/xml.xsd'].map((as) => xsd('xml.xsd', as));

/** The schema errors of a document (empty when it is valid). */
export async function schemaErrors(xml: string, schema: 'xliff-core-1.2-strict.xsd' | 'xliff-core-2.0.xsd' | 'tmx-1.4.xsd' | 'tbx-basic.xsd'): Promise<string[]> {
  const res = await validateXML({ xml: { fileName: 'doc.xml', contents: xml }, schema: xsd(schema), preload: XML_XSD });
  return res.errors.map((e) => e.rawMessage);
}
