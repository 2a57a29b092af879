/**
 * The app's expected failures, as one discriminated union. Every variant carries the value and
 * the place (file, row, column, part) so a message can name them (ARCHITECTURE.md, rule 3).
 */
export type AppError =
  | { kind: 'file-not-found'; path: string }
  | { kind: 'file-unreadable'; path: string; reason: string }
  | { kind: 'file-format'; path: string; reason: string; row?: number; column?: string }
  | { kind: 'sql'; sql: string; message: string }
  | { kind: 'invalid-argument'; name: string; value: string; expected: string }
  | { kind: 'column-missing'; file?: string; column: string }
  | { kind: 'cancelled' }
  | { kind: 'denied'; what: string; reason: string }
  | { kind: 'io'; path: string; message: string }
  | { kind: 'internal'; message: string };

/** One line of plain words naming the bad value and where it was. */
export function formatAppError(e: AppError): string {
  switch (e.kind) {
    case 'file-not-found':
      return `${e.path}: file not found`;
    case 'file-unreadable':
      return `${e.path}: cannot read the file (${e.reason})`;
    case 'file-format': {
      const where = [e.row !== undefined ? `row ${e.row}` : '', e.column !== undefined ? `column "${e.column}"` : '']
        .filter(Boolean)
        .join(', ');
      return `${e.path}${where ? ` (${where})` : ''}: ${e.reason}`;
    }
    case 'sql':
      return `SQL error: ${firstLine(e.message)}`;
    case 'invalid-argument':
      return `${e.name}: "${e.value}" is not valid (expected ${e.expected})`;
    case 'column-missing':
      return `${e.file ? `${e.file}: ` : ''}column "${e.column}" is missing`;
    case 'cancelled':
      return 'cancelled';
    case 'denied':
      return `${e.what}: denied (${e.reason})`;
    case 'io':
      return `${e.path}: ${e.message}`;
    case 'internal':
      return `internal error: ${e.message}`;
  }
}

function firstLine(s: string): string {
  const line = s.split('\n').find((l) => l.trim() !== '') ?? s;
  return line.trim();
}

/** Turns anything thrown into a message string, for the edge where exceptions become values. */
export function messageOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message;
  return String(thrown);
}
