/**
 * What a time entry keeps of a worklog, without a server: the comment fits Redmine's 1024 characters with
 * its origin marker whole, the marker is found again after Redmine's one-line edit form folded the line
 * break before it, and time is written as the two decimals Redmine answers.
 */
import {
  COMMENT_LIMIT,
  commentWithOrigin,
  hoursOf,
  splitCommentOrigin,
  toWorklog,
} from '../../../src/connectors/redmine/redmine-time-entries';

const ORIGIN = 'tandem:c1:lw:10001';

describe('Redmine time entry comments', () => {
  it('cuts a long comment to fit with its marker, and reads back the cut text and the origin', () => {
    const written = commentWithOrigin('x'.repeat(2000), ORIGIN);
    expect(written).toHaveLength(COMMENT_LIMIT);
    const read = splitCommentOrigin(written);
    expect(read.origin).toBe(ORIGIN);
    expect(read.text.endsWith('x…')).toBe(true);
  });

  it('leaves a comment that fits as it is', () => {
    expect(splitCommentOrigin(commentWithOrigin('Reviewed', ORIGIN))).toEqual({
      text: 'Reviewed',
      origin: ORIGIN,
    });
    expect(commentWithOrigin('Reviewed', undefined)).toBe('Reviewed');
  });

  it('finds the marker after a person edited the comment on one line, and none in plain text', () => {
    const folded = commentWithOrigin('Reviewed', ORIGIN).replace('\n', ' ');
    expect(splitCommentOrigin(folded)).toEqual({ text: 'Reviewed', origin: ORIGIN });
    expect(splitCommentOrigin('see [tandem:origin=x] above')).toEqual({
      text: 'see [tandem:origin=x] above',
    });
  });
});

describe('Redmine time entry hours', () => {
  it('writes two decimals, at least 0.01, and reads hours back as whole seconds', () => {
    expect(hoursOf(60)).toBe(0.02);
    expect(hoursOf(5400)).toBe(1.5);
    expect(hoursOf(1)).toBe(0.01);
    const entry = {
      id: 7,
      hours: 0.02,
      spent_on: '2026-11-23',
      comments: null,
      created_on: '2026-11-23T10:00:00Z',
      updated_on: '2026-11-23T10:00:00Z',
    };
    expect(toWorklog(entry)).toEqual({
      id: '7',
      started: '2026-11-23T00:00:00.000Z',
      timeSpentSeconds: 72,
      comment: null,
      created: '2026-11-23T10:00:00.000Z',
      updated: '2026-11-23T10:00:00.000Z',
    });
  });
});
