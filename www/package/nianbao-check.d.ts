// The <nianbao-check> element and the result it reports: the shape of
// shared/spec/output-contract.md (schema_version 1).

export type Severity = "error" | "warning" | "info";
export type Era = "2008" | "2019" | "2021";

/** Offsets in UTF-16 code units into the checked text (`setSelectionRange` works); 1-based line/column. */
export interface Span {
  start: number;
  end: number;
  line: number;
  column: number;
}

export interface CellRef {
  row: string;
  column: string;
}

export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  span?: Span;
  section?: string;
  table?: string;
  cells?: CellRef[];
  expected?: number;
  actual?: number;
  hint?: string;
}

export interface SourceInfo {
  name: string;
  format: "text" | "html" | "docx" | "pdf";
  encoding: string;
  script: "simplified" | "traditional";
}

export interface DocumentFacts {
  is_annual_report: boolean;
  title: string | null;
  agency: string | null;
  agency_level: "department" | "government" | "township" | "unknown";
  year: number | null;
  era: Era | null;
  published: string | null;
  index_number: string | null;
}

export interface SectionResult {
  id: string;
  title: string;
  status: "present" | "mentioned" | "missing";
  heading: string | null;
  span: Span | null;
}

export interface CellResult {
  row: string;
  column: string;
  value: number | null;
  raw: string;
  span: Span;
}

export interface TableResult {
  id: "active" | "applications" | "review_litigation";
  title: string;
  status: "present" | "missing" | "unreadable";
  variant: Era | null;
  span: Span | null;
  cells: CellResult[];
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  sections_present: number;
  sections_required: number;
}

export interface CheckResult {
  schema_version: 1;
  source: SourceInfo;
  document: DocumentFacts;
  sections: SectionResult[];
  tables: TableResult[];
  diagnostics: Diagnostic[];
  summary: Summary;
  /** checkBytes only: the text read from the file, which spans point into. */
  text?: string;
}

/** `<nianbao-check for="id-of-textarea">`: checks the field as it changes. */
export interface NianbaoCheckElement extends HTMLElement {
  /** Checks text, updates the display and fires `nianbao-result`. */
  check(text: string): Promise<CheckResult>;
  /** Checks a file's bytes (.txt/.html/.docx/.pdf, any supported encoding). */
  checkBytes(bytes: Uint8Array | ArrayBuffer, name?: string): Promise<CheckResult>;
}

/** What the iframe form (embed.html) posts to its parent. */
export type EmbedMessage =
  | { type: "nianbao-result"; result: CheckResult }
  | { type: "nianbao-height"; height: number };

/** What the parent may post to the iframe form. */
export interface EmbedRequest {
  type: "nianbao-check";
  text: string;
}

declare global {
  interface HTMLElementTagNameMap {
    "nianbao-check": NianbaoCheckElement;
  }
  interface HTMLElementEventMap {
    "nianbao-result": CustomEvent<CheckResult>;
  }
}
