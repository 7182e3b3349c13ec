export enum Level {
  Debug = 0,
  Info,
  Warning,
  Error,
}

export abstract class Logger {
  protected abstract write(line: string): void;

  constructor(protected minimum: Level = Level.Info) {}

  log(level: Level, message: string, ...details: unknown[]): void {
    if (level < this.minimum) return;
    const stamp = new Date().toISOString();
    const extra = details.length ? ' ' + JSON.stringify(details) : '';
    this.write(`${stamp} [${Level[level]}] ${message}${extra}`);
  }
}

export class ConsoleLogger extends Logger {
  protected write(line: string): void {
    console.log(line);
  }
}

declare global {
  interface Window {
    logger?: Logger;
  }
}

const logger = new ConsoleLogger(Level.Debug);
logger.log(Level.Warning, 'disk almost full', { free: 0.05 });
