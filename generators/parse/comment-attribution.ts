// Comment attribution, ported from protoc's Tokenizer::NextWithComments and
// CommentCollector: decides which comments trail the previous token, which
// lead the next one and which are detached (separated by blank lines).

import type { Tokenizer } from "./tokenizer.js";

export interface CommentsResult {
  trailing: string;
  detached: string[];
  leading: string;
}

/** Mirrors protoc's CommentCollector: decides where a buffered comment belongs. */
class CommentCollector {
  private buffer = "";
  private hasComment = false;
  private isLineComment = false;
  private canAttachToPrev = true;
  trailing = "";
  readonly detached: string[] = [];
  leading = "";

  startLineComment(): void {
    if (this.hasComment && !this.isLineComment) this.flush();
    this.hasComment = true;
    this.isLineComment = true;
  }
  startBlockComment(): void {
    if (this.hasComment) this.flush();
    this.hasComment = true;
    this.isLineComment = false;
  }
  append(text: string): void {
    this.buffer += text;
  }
  clearBuffer(): void {
    this.buffer = "";
    this.hasComment = false;
  }
  /** The buffered comment is complete and not connected to the next token. */
  flush(): void {
    if (!this.hasComment) return;
    if (this.canAttachToPrev) {
      this.trailing += this.buffer;
      this.canAttachToPrev = false;
    } else {
      this.detached.push(this.buffer);
    }
    this.clearBuffer();
  }
  detachFromPrev(): void {
    this.canAttachToPrev = false;
  }
  /** Whatever is still buffered leads the next token. */
  finish(): void {
    if (this.hasComment) this.leading = this.buffer;
    this.buffer = "";
  }
}

export function nextWithComments(t: Tokenizer): CommentsResult {
  const collector = new CommentCollector();
  collectComments(t, collector);
  collector.finish();
  return { trailing: collector.trailing, detached: collector.detached, leading: collector.leading };
}

function collectComments(t: Tokenizer, collector: CommentCollector): boolean {
  if (t.current.type === "start") {
    t.skipByteOrderMark();
    collector.detachFromPrev();
  } else {
    // A comment on the same line as the previous token trails it.
    t.skipSpacesNoNewline();
    switch (t.readCommentStart()) {
      case "line":
        collector.startLineComment();
        collector.append(t.readLineComment());
        collector.flush();
        break;
      case "block":
        collector.startBlockComment();
        collector.append(t.readBlockComment());
        t.skipSpacesNoNewline();
        if (!t.tryConsumeNewline()) {
          // The next token is on the same line: the comment is ambiguous, drop it.
          collector.clearBuffer();
          return t.next();
        }
        collector.flush();
        break;
      case "slash":
        return true;
      case "none":
        if (!t.tryConsumeNewline()) return t.next();
        break;
    }
  }
  // Now on the line after the previous token.
  for (;;) {
    t.skipSpacesNoNewline();
    switch (t.readCommentStart()) {
      case "line":
        collector.startLineComment();
        collector.append(t.readLineComment());
        break;
      case "block":
        collector.startBlockComment();
        collector.append(t.readBlockComment());
        // Eat the rest of the line so it is not seen as a blank line.
        t.skipSpacesNoNewline();
        t.tryConsumeNewline();
        break;
      case "slash":
        return true;
      case "none":
        if (t.tryConsumeNewline()) {
          // A blank line separates comments from what follows.
          collector.flush();
          collector.detachFromPrev();
        } else {
          const ok = t.next();
          const text = t.current.text;
          if (!ok || text === "}" || text === "]" || text === ")") {
            // End of a scope: a comment here cannot lead the next token.
            collector.flush();
          }
          return ok;
        }
        break;
    }
  }
}
