import { Controller, Delete, Get, HttpCode, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Auth, AuthContext, Policy } from '@alveole/access';
import { ApiProblems, Body, Param } from '@alveole/core';
import { FoldersService } from '../folders.service';
import { ChangeFolderDto, CreateFolderDto } from './documents.dto';
import { FolderList, FolderResponse, toFolderResponse } from './documents.responses';

const Id = new ParseUUIDPipe({ version: undefined, errorHttpStatusCode: 404 });

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class FoldersController {
  constructor(private readonly folders: FoldersService) {}

  @Post('spheres/:sphereId/folders')
  @Policy('post', 'Sphere')
  @ApiOperation({ summary: 'Create a folder for documents (at the top level, or in `parentId`)' })
  @ApiCreatedResponse({ type: FolderResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  create(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string, @Body() dto: CreateFolderDto) {
    return this.folders.create(auth, sphereId, dto).then(toFolderResponse);
  }

  @Get('spheres/:sphereId/folders')
  @Policy('read', 'DocumentFolder')
  @ApiOperation({ summary: "Every folder of the sphere's documents, by name (build the tree from parentId)" })
  @ApiOkResponse({ type: FolderList })
  @ApiProblems(401, 403, 404)
  async list(@Auth() auth: AuthContext, @Param('sphereId', Id) sphereId: string): Promise<FolderList> {
    return { items: (await this.folders.list(auth, sphereId)).map(toFolderResponse) };
  }

  @Patch('folders/:id')
  @Policy('update', 'DocumentFolder')
  @ApiOperation({ summary: 'Rename a folder or move it (never into itself or a folder of its own)' })
  @ApiOkResponse({ type: FolderResponse })
  @ApiProblems(400, 401, 403, 404, 409, 422)
  change(@Auth() auth: AuthContext, @Param('id', Id) id: string, @Body() dto: ChangeFolderDto) {
    return this.folders.change(auth, id, dto).then(toFolderResponse);
  }

  @Delete('folders/:id')
  @HttpCode(204)
  @Policy('delete', 'DocumentFolder')
  @ApiOperation({ summary: 'Delete an empty folder' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiProblems(401, 403, 404, 409)
  remove(@Auth() auth: AuthContext, @Param('id', Id) id: string) {
    return this.folders.remove(auth, id);
  }
}
