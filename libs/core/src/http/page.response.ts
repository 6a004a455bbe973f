import { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { Page } from '../pagination/cursor';

/**
 * The `{ items, nextCursor }` schema of a list of `item`. Extend it with a named class
 * (`class SpherePage extends PageOf(SphereResponse) {}`) so the document names the page.
 */
export function PageOf<T>(item: Type<T>): Type<Page<T>> {
  class PageOfItems implements Page<T> {
    @ApiProperty({ type: [item] }) items: T[];
    @ApiProperty({ type: String, nullable: true, description: 'pass as `?cursor=` for the next page; null at the end' })
    nextCursor: string | null;
  }
  return PageOfItems;
}
