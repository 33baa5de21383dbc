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
  /** The cell most likely wrong and its likely value ("1298 很可能应为 1288"). */
  suggestion?: { table: string; row: string; column: string; value: number };
  /** Where the finding is, in words: "表三（一）予以公开 · 自然人", "第五部分 存在的主要问题及改进情况". */
  place?: string;
}

/** The widget's decision under its `blocking` attribute (on the result of `nianbao-result`). */
export interface PublishDecision {
  /** Whether publishing should be blocked. */
  blocked: boolean;
  /** The rule applied: the `blocking` attribute, or "errors" when absent. */
  rule: string;
  /** Codes of the findings that block, each once. */
  blocking: string[];
  /** Codes of reading problems (input.*, table.unreadable): not the report's errors. */
  reading: string[];
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
  /** From the widget (event detail, method results, iframe messages): may this be published? */
  publish?: PublishDecision;
}

/** `<nianbao-check for="id-of-textarea">`: checks the field as it changes. */
export interface NianbaoCheckElement extends HTMLElement {
  /**
   * Attribute `blocking`: which findings block publishing, space-separated: codes
   * ("table.unreadable"), families ("input.*") or "errors" (every error that is not a reading
   * problem). Default "errors". The attribute `blocked` is present while the last result blocks.
   */
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
