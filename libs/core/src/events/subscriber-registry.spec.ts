import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { AfterCommit } from './after-commit';
import { DomainEventName } from './domain-event';
import { LiveDelivery } from './live-delivery';
import { OnDomainEvent } from './on-domain-event.decorator';
import { SubscriberRegistry } from './subscriber-registry';

// an event no context declares: the registry works on names alone
const HAPPENED = 'spec_thing.happened' as DomainEventName;

@Injectable()
@OnDomainEvent(HAPPENED, 'alpha.record')
class AlphaRecord {
  handle = jest.fn();
}

@Injectable()
@OnDomainEvent(HAPPENED, 'beta.notify')
class BetaNotify {
  handle = jest.fn();
}

@Injectable()
@OnDomainEvent(HAPPENED, 'alpha.record')
class AlphaRecordAgain {
  handle = jest.fn();
}

@Injectable()
@OnDomainEvent(HAPPENED, 'Not-A-Name')
class BadlyNamed {
  handle = jest.fn();
}

async function registryWith(providers: (new () => object)[]) {
  const module = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [SubscriberRegistry, LiveDelivery, { provide: AfterCommit, useValue: {} }, ...providers],
  }).compile();
  await module.init();
  return module.get(SubscriberRegistry);
}

describe('SubscriberRegistry', () => {
  it('sends an event to each of its subscribers, on the queue of each one’s context', async () => {
    const sut = await registryWith([AlphaRecord, BetaNotify]);
    const targets = sut.targetsOf('spec_thing.happened', false);
    expect(targets.map((t) => [t.id, t.queue])).toEqual([
      ['alpha.record', 'alpha'],
      ['beta.notify', 'beta'],
    ]);
    expect(targets[0].handler).toBeInstanceOf(AlphaRecord);
    expect(sut.queues().sort()).toEqual(['alpha', 'beta', 'realtime']);
  });

  it('adds the live delivery for events that carry durable realtime instructions', async () => {
    const sut = await registryWith([AlphaRecord]);
    expect(sut.targetsOf('spec_thing.happened', true).map((t) => t.id)).toEqual(['alpha.record', 'realtime.deliver']);
    expect(sut.targetsOf('nobody.listens', false)).toEqual([]);
  });

  it('refuses a subscriber id used twice, or not <context>.<snake_case>', async () => {
    await expect(registryWith([AlphaRecord, AlphaRecordAgain])).rejects.toThrow('alpha.record is registered twice');
    await expect(registryWith([BadlyNamed])).rejects.toThrow('is not <context>.<snake_case>');
  });

  it('knows no subscriber it was not given', async () => {
    const sut = await registryWith([]);
    expect(() => sut.subscriber('alpha.record')).toThrow('Unknown subscriber alpha.record');
  });
});
