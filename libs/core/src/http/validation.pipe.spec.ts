import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { IsString, Length } from 'class-validator';
import { AppException } from '../errors/app-exception';
import { PageQuery } from './page-query';
import { createValidationPipe } from './validation.pipe';

const query = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'query', metatype });
const body = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const validations = jest.spyOn(ValidationPipe.prototype, 'transform');
  beforeEach(() => validations.mockClear());

  it('validates a query string once, then hands out copies of the DTO it gave', async () => {
    const first = (await pipe.transform({ limit: '7', cursor: 'abc' }, query(PageQuery))) as PageQuery;
    first.limit = 99; // a handler changing its DTO changes nobody else's
    const second = (await pipe.transform({ limit: '7', cursor: 'abc' }, query(PageQuery))) as PageQuery;
    expect(second).toBeInstanceOf(PageQuery);
    expect(second).toEqual({ limit: 7, cursor: 'abc' });
    expect(second).not.toBe(first);
    expect(validations).toHaveBeenCalledTimes(1);
    await expect(pipe.transform({ limit: '8' }, query(PageQuery))).resolves.toEqual({ limit: 8 });
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('refuses an invalid query every time, and never keeps it', async () => {
    for (let attempt = 0; attempt < 2; attempt++) {
      await expect(pipe.transform({ limit: '0' }, query(PageQuery))).rejects.toBeInstanceOf(AppException);
      await expect(pipe.transform({ limit: '5', extra: 'x' }, query(PageQuery))).rejects.toBeInstanceOf(AppException);
    }
    expect(validations).toHaveBeenCalledTimes(4);
  });

  it('validates bodies on every request', async () => {
    await pipe.transform({ limit: '3' }, body(PageQuery));
    await pipe.transform({ limit: '3' }, body(PageQuery));
    expect(validations).toHaveBeenCalledTimes(2);
  });

  it('applies the rules of a class declared after the first validations, and the parent keeps its own', async () => {
    await pipe.transform({ limit: '2' }, query(PageQuery));
    class NamedPage extends PageQuery {
      @IsString() @Length(2, 5) name!: string;
    }
    await expect(pipe.transform({ limit: '2', name: 'abc' }, query(NamedPage))).resolves.toEqual({
      limit: 2,
      name: 'abc',
    });
    await expect(pipe.transform({ limit: '2', name: 'a' }, query(NamedPage))).rejects.toBeInstanceOf(AppException);
    // the parent's own rules are unchanged by the subclass
    await expect(pipe.transform({ limit: '2', name: 'abc' }, query(PageQuery))).rejects.toBeInstanceOf(AppException);
  });
});
