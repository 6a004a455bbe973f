import { HttpStatus } from '@nestjs/common';
import { AppException } from '@alveole/core';

const megabytes = (bytes: number) => `${Math.floor(bytes / (1024 * 1024))} MB`;

/** Stable problem types of the documents context (listed in README.md, "Errors"). */
export const DocumentErrors = {
  fileTooLarge: (limit: number) =>
    new AppException(HttpStatus.PAYLOAD_TOO_LARGE, 'file-too-large', `A file may not exceed ${megabytes(limit)}`),
  quotaExceeded: (quota: number) =>
    new AppException(
      HttpStatus.PAYLOAD_TOO_LARGE,
      'quota-exceeded',
      `This sphere's documents would exceed its quota of ${megabytes(quota)}: delete some first`,
    ),
  unsupportedType: (type: string) =>
    new AppException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'unsupported-file-type',
      `Files of type ${type} cannot be shared here (office documents, PDF, images, text and archives can)`,
    ),
  typeMismatch: (declared: string, detected: string) =>
    new AppException(
      HttpStatus.UNSUPPORTED_MEDIA_TYPE,
      'file-type-mismatch',
      `The file was declared as ${declared} but its content is ${detected}`,
    ),
  interrupted: () =>
    new AppException(
      HttpStatus.BAD_REQUEST,
      'upload-interrupted',
      'The file did not arrive whole (the connection was cut, or the form was truncated): send it again',
    ),
  rangeNotSatisfiable: (size: number) =>
    new AppException(
      HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
      'range-not-satisfiable',
      `The range asked for is outside the file (${size} bytes)`,
    ),
  noFile: () => AppException.validation([{ field: 'file', message: 'send the file in a multipart part named file' }]),
  badName: (message: string) => AppException.validation([{ field: 'name', message }]),
  unknownFolder: (field = 'folderId') =>
    AppException.validation([{ field, message: 'must be a folder of the same sphere' }]),
  folderCycle: () =>
    AppException.validation([{ field: 'parentId', message: 'a folder cannot move into itself or one of its folders' }]),
  folderNameTaken: () =>
    new AppException(HttpStatus.CONFLICT, 'folder-name-taken', 'A folder with this name is already there'),
  folderNotEmpty: () =>
    new AppException(HttpStatus.CONFLICT, 'folder-not-empty', 'Move or delete what this folder holds first'),
};
