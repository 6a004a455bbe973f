import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { JobHandler } from './job-handler.decorator';
import { JobName } from './job-names';
import { JobRegistry } from './job-registry';

@Injectable()
@JobHandler(JobName.SecurityEvent)
class SecurityEventHandler {
  handle = jest.fn();
}

@Injectable()
@JobHandler(JobName.RoleExpiring)
class RoleExpiringHandler {
  handle = jest.fn();
}

@Injectable()
@JobHandler(JobName.PostMentioned)
class PostMentionedHandler {
  handle = jest.fn();
}

@Injectable()
@JobHandler(JobName.SecurityEvent)
class AnotherSecurityEventHandler {
  handle = jest.fn();
}

async function registryWith(providers: (new () => object)[]) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [JobRegistry, ...providers],
  }).compile();
  await module.init();
  return module.get(JobRegistry);
}

describe('JobRegistry', () => {
  it('refuses to start when a job has no handler', async () => {
    await expect(registryWith([RoleExpiringHandler, PostMentionedHandler])).rejects.toThrow(
      `No handler registered for job(s): ${JobName.SecurityEvent}`,
    );
  });

  it('refuses two handlers for one job', async () => {
    await expect(
      registryWith([SecurityEventHandler, AnotherSecurityEventHandler, RoleExpiringHandler, PostMentionedHandler]),
    ).rejects.toThrow('has two handlers');
  });

  it('finds the handler of each job', async () => {
    const sut = await registryWith([SecurityEventHandler, RoleExpiringHandler, PostMentionedHandler]);
    expect(sut.handlerOf(JobName.SecurityEvent)).toBeInstanceOf(SecurityEventHandler);
    expect(sut.handlerOf(JobName.RoleExpiring)).toBeInstanceOf(RoleExpiringHandler);
    expect(sut.handlerOf(JobName.PostMentioned)).toBeInstanceOf(PostMentionedHandler);
    expect(() => sut.handlerOf('nope.nothing')).toThrow('Unknown job');
  });
});
