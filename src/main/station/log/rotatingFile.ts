// A log file that rotates by size: civictill.log, then .1 … .N (oldest dropped). Lines are appended
// synchronously (small, and nothing is lost when the process dies right after).
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

export class RotatingFile {
  private size: number;
  constructor(readonly path: string, readonly maxBytes = 5 * 1024 * 1024, readonly keep = 5) {
    mkdirSync(dirname(path), { recursive: true });
    this.size = existsSync(path) ? statSync(path).size : 0;
  }

  /** The files, newest first (for the support bundle). */
  files(): string[] {
    return [this.path, ...Array.from({ length: this.keep }, (_, i) => `${this.path}.${i + 1}`)].filter((f) => existsSync(f));
  }

  write(line: string): void {
    const bytes = Buffer.byteLength(line) + 1;
    if (this.size > 0 && this.size + bytes > this.maxBytes) this.rotate();
    appendFileSync(this.path, line + '\n');
    this.size += bytes;
  }

  private rotate(): void {
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    renameSync(this.path, `${this.path}.1`);
    this.size = 0;
  }
}
