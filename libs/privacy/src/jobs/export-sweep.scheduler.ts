import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '@alveole/core';
import { ExportSweeper } from './export-sweeper';

/** Runs the export sweep hourly where jobs run (the worker, or the api without Redis). */
@Injectable()
export class ExportSweepScheduler extends PeriodicTask {
  constructor(private readonly sweeper: ExportSweeper) {
    super('export sweep', 60 * 60 * 1000);
  }

  protected pass(): Promise<unknown> {
    return this.sweeper.sweep();
  }
}
