import { Injectable } from '@nestjs/common';
import { PeriodicTask } from '@alveole/core';
import { StorageSweeper } from './storage-sweeper';

/** Runs the storage sweep hourly where jobs run (the worker, or the api without Redis). */
@Injectable()
export class StorageSweepScheduler extends PeriodicTask {
  constructor(private readonly sweeper: StorageSweeper) {
    super('storage sweep', 60 * 60 * 1000);
  }

  protected pass(): Promise<unknown> {
    return this.sweeper.sweep();
  }
}
