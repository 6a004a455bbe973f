import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { JOB_HANDLER, JobHandlerOf } from './job-handler.decorator';
import { JobName } from './job-names';

/** Finds every @JobHandler provider; refuses to start when a job has none or two. */
@Injectable()
export class JobRegistry implements OnModuleInit {
  private readonly handlers = new Map<JobName, JobHandlerOf<JobName>>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as JobHandlerOf<JobName> | undefined;
      if (!instance || !wrapper.metatype) continue;
      const name = this.reflector.get<JobName | undefined>(
        JOB_HANDLER,
        wrapper.metatype as new (...args: never[]) => unknown,
      );
      if (!name) continue;
      if (this.handlers.has(name)) throw new Error(`Job ${name} has two handlers`);
      this.handlers.set(name, instance);
    }
    const missing = Object.values(JobName).filter((name) => !this.handlers.has(name));
    if (missing.length > 0) throw new Error(`No handler registered for job(s): ${missing.join(', ')}`);
  }

  handlerOf(name: string): JobHandlerOf<JobName> {
    const handler = this.handlers.get(name as JobName);
    if (!handler) throw new Error(`Unknown job ${name}`);
    return handler;
  }
}
