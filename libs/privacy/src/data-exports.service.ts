import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { AuthContext } from '@alveole/access';
import { DomainEvents, newId } from '@alveole/core';
import { FILE_STORAGE, FileStorage, StoredObjectMissing } from '@alveole/documents';
import { DataExportsRepository, ExportRecord } from './data-exports.repository';
import { EXPORTS_PER_DAY, LINK_TTL_SECONDS } from './export-policy';
import { PrivacyErrors } from './privacy.errors';
import { PrivacyEvents } from './privacy.events';

const LIST_LIMIT = 50;
/** 32 random bytes, base64url: what a link carries; only its sha256 is stored. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ExportDownload {
  stream: Readable;
  size: number;
  requestedAt: Date;
}

/** Asking for an export of my data, following it, and downloading it once through a short-lived link. */
@Injectable()
export class DataExportsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly exports: DataExportsRepository,
    private readonly events: DomainEvents,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
  ) {}

  /** One pending at a time (409), three a day (429); the job gets the export's id only. */
  request(auth: AuthContext): Promise<ExportRecord> {
    return this.dataSource.transaction(async (manager) => {
      await this.exports.lockPerson(auth.userId, manager);
      if (await this.exports.hasPending(auth.userId, manager)) throw PrivacyErrors.exportInProgress();
      const today = await this.exports.requestedToday(auth.userId, manager);
      if (today.length >= EXPORTS_PER_DAY) {
        const freedAt = today[today.length - EXPORTS_PER_DAY].getTime() + 24 * 3600_000;
        throw PrivacyErrors.tooManyExports((freedAt - Date.now()) / 1000);
      }
      const created = await this.exports.insert(newId(), auth.userId, manager);
      await this.events.publish(manager, PrivacyEvents.exportRequested(created.id));
      return created;
    });
  }

  list(auth: AuthContext): Promise<ExportRecord[]> {
    return this.exports.listOf(auth.userId, LIST_LIMIT);
  }

  /** A single-use link valid LINK_TTL_SECONDS, for a ready export of mine (it replaces an unused one). */
  link(auth: AuthContext, exportId: string): Promise<{ url: string; expiresAt: Date }> {
    return this.dataSource.transaction(async (manager) => {
      const found = await this.exports.findOf(auth.userId, exportId, manager);
      if (!found) throw PrivacyErrors.exportNotFound();
      if (found.status !== 'ready') throw PrivacyErrors.exportNotReady(found.status);
      const token = randomBytes(32).toString('base64url');
      const expiresAt = await this.exports.replaceLink(found.id, hashOf(token), LINK_TTL_SECONDS, manager);
      return { url: `/api/v1/exports/${token}`, expiresAt };
    });
  }

  /**
   * Uses a link: 404 when no such link was ever made, 410 when used, expired, or its archive is gone.
   * The claim commits only once the bytes are open, so a storage failure leaves the link usable.
   */
  async download(token: string): Promise<ExportDownload> {
    if (!TOKEN.test(token)) throw PrivacyErrors.linkNotFound();
    const tokenHash = hashOf(token);
    const opened = await this.dataSource.transaction(async (manager) => {
      const claimed = await this.exports.claimLink(tokenHash, manager);
      if (!claimed) return null;
      const stream = await this.storage.read(claimed.storageKey).catch((error: unknown) => {
        if (error instanceof StoredObjectMissing) throw PrivacyErrors.linkGone();
        throw error;
      });
      return { stream, size: claimed.size, requestedAt: new Date(claimed.requestedAt) };
    });
    if (opened) return opened;
    throw (await this.exports.linkExists(tokenHash)) ? PrivacyErrors.linkGone() : PrivacyErrors.linkNotFound();
  }
}
