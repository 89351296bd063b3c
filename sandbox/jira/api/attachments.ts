import { emitAttachment } from '../events';
import { recordChange } from '../domain/record-change';
import type { RequestContext } from '../http/context';
import { parseMultipart } from '../http/multipart';
import { JiraHttpError, badRequest, empty, json, notFound, type Reply } from '../http/reply';
import type { Route } from '../http/router';
import { attachmentContentUrl, renderAttachment } from '../render/issue-parts';
import { renderUserById } from '../render/user';
import { removeEntry, type Attachment } from '../state';
import { formatJiraTime } from '../time';

/**
 * Attachments: multipart upload guarded by Jira's XSRF header, metadata, content, delete. Jira records
 * attachment changes in the changelog, so they also produce `avi:jira:updated:issue`.
 */

function requireAttachment(ctx: RequestContext): Attachment {
  const attachment = ctx.site.state.attachments[ctx.param('id')];
  if (!attachment) throw notFound(`The attachment with id '${ctx.param('id')}' does not exist`);
  return attachment;
}

async function addAttachments(ctx: RequestContext): Promise<Reply> {
  // Jira refuses uploads without this header (its XSRF guard for form posts), with a bare 403.
  if (ctx.headers['x-atlassian-token']?.toLowerCase() !== 'no-check') {
    return {
      kind: 'bytes',
      status: 403,
      body: Buffer.from('XSRF check failed'),
      contentType: 'text/plain;charset=UTF-8',
    };
  }
  const issue = ctx.site.requireIssue(ctx.param('issueIdOrKey'));
  if (!ctx.body) throw badRequest('The request contains no attachments.');
  const files = (await parseMultipart(ctx.headers, ctx.body, ctx.limits.attachmentMaxBytes)).filter(
    (f) => f.field === 'file',
  );
  if (files.length === 0) throw badRequest("No file was found in the 'file' form field.");
  const created = files.map((file): Attachment => {
    const attachment: Attachment = {
      id: ctx.site.nextId('attachment'),
      issueId: issue.id,
      filename: file.filename,
      mimeType: file.mimeType,
      size: file.content.length,
      authorId: ctx.actor.accountId,
      created: ctx.site.now(),
      contentBase64: file.content.toString('base64'),
    };
    ctx.site.state.attachments[attachment.id] = attachment;
    return attachment;
  });
  recordChange(
    ctx.site,
    issue,
    ctx.actor,
    created.map((a) => ({
      field: 'Attachment',
      fieldtype: 'jira',
      fieldId: 'attachment',
      from: null,
      fromString: null,
      to: a.id,
      toString: a.filename,
    })),
  );
  for (const a of created) emitAttachment(ctx.site, ctx.actor, 'created', a);
  return json(created.map((a) => renderAttachment(ctx.site, a)));
}

export const attachmentRoutes: readonly Route[] = [
  { method: 'POST', pattern: '/rest/api/3/issue/{issueIdOrKey}/attachments', handler: addAttachments },
  {
    method: 'GET',
    pattern: '/rest/api/3/attachment/{id}',
    handler: (ctx) => {
      const a = requireAttachment(ctx);
      // AttachmentMetadata: unlike the upload response, the id is a number here.
      return json({
        id: Number(a.id),
        self: `${ctx.site.api}/attachment/${a.id}`,
        filename: a.filename,
        author: renderUserById(ctx.site, a.authorId),
        created: formatJiraTime(a.created),
        size: a.size,
        mimeType: a.mimeType,
        properties: {},
        content: attachmentContentUrl(ctx.site, a),
      });
    },
  },
  {
    method: 'GET',
    pattern: '/rest/api/3/attachment/content/{id}',
    // Jira answers with a redirect to its media store; the emulator serves the bytes directly.
    handler: (ctx) => {
      const a = requireAttachment(ctx);
      return {
        kind: 'bytes',
        status: 200,
        body: Buffer.from(a.contentBase64, 'base64'),
        contentType: a.mimeType,
        headers: { 'content-disposition': `attachment; filename="${a.filename.replace(/"/g, '')}"` },
      };
    },
  },
  {
    method: 'DELETE',
    pattern: '/rest/api/3/attachment/{id}',
    handler: (ctx) => {
      const a = requireAttachment(ctx);
      const issue = ctx.site.issueById(a.issueId);
      if (!issue) throw new JiraHttpError(404, ['The attachment belongs to no issue.']);
      removeEntry(ctx.site.state.attachments, a.id);
      recordChange(ctx.site, issue, ctx.actor, [
        {
          field: 'Attachment',
          fieldtype: 'jira',
          fieldId: 'attachment',
          from: a.id,
          fromString: a.filename,
          to: null,
          toString: null,
        },
      ]);
      emitAttachment(ctx.site, ctx.actor, 'deleted', a);
      return empty();
    },
  },
];
