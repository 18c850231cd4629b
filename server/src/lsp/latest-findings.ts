/** The latest published findings of each open document, by URI and version, so hovers need not analyse again. */
import type { Finding } from '../engine/finding';

export class LatestFindings {
  private readonly byUri = new Map<string, { version: number; findings: readonly Finding[] }>();

  set(uri: string, version: number, findings: readonly Finding[]): void {
    this.byUri.set(uri, { version, findings });
  }

  /** The findings computed for exactly this version; undefined while a newer version is being analysed. */
  get(uri: string, version: number): readonly Finding[] | undefined {
    const e = this.byUri.get(uri);
    return e && e.version === version ? e.findings : undefined;
  }

  /** The newest findings of the document, whatever version they were computed for (the Explain view tolerates a pending edit). */
  latest(uri: string): readonly Finding[] | undefined {
    return this.byUri.get(uri)?.findings;
  }

  delete(uri: string): void {
    this.byUri.delete(uri);
  }
}
