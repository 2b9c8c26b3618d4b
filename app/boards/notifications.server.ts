/**
 * Reply notifications for followed threads (opt-in per thread). Written as email deliveries in the reply's own
 * transaction and sent by the outbox dispatcher (app/email/dispatch.server.ts); the email names the thread and
 * links to it, nothing more.
 */
import { createElement } from "react";
import type { Tx } from "~/db.server";
import { createContent, renderEmail, UNSUBSCRIBE_PLACEHOLDER } from "~/email/dispatch.server";
import { getEnv } from "~/env.server";
import { displayName, POSTS_PER_PAGE, threadPath } from "~/boards/format";
import BoardReply, { boardReplySubject } from "../../emails/board-reply";

export async function notifyThreadSubscribers(tx: Tx, input: { threadId: string; postId: string; authorId: string }) {
  const followers = await tx.boardThreadSubscription.count({ where: { threadId: input.threadId, userId: { not: input.authorId } } });
  if (followers === 0) return 0;
  const post = await tx.boardPost.findUniqueOrThrow({
    where: { id: input.postId },
    select: { number: true, author: { select: { name: true, boardName: true } }, thread: { select: { id: true, slug: true, title: true } } },
  });
  const page = Math.ceil(post.number / POSTS_PER_PAGE);
  const props = {
    threadTitle: post.thread.title,
    authorName: displayName(post.author),
    link: new URL(`${threadPath(post.thread, page)}#post-${post.number}`, getEnv().APP_URL).toString(),
    unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER,
  };
  const contentId = await createContent(tx, { subject: boardReplySubject(props), ...(await renderEmail(createElement(BoardReply, props))) });
  return tx.$executeRaw`
    INSERT INTO "EmailDelivery" ("id", "dedupeKey", "kind", "to", "contentId", "unsubscribe")
    SELECT gen_random_uuid()::text, 'board:' || ${input.postId} || ':' || u."id", 'board-reply', u."email", ${contentId}, 'follow:' || ${input.threadId} || ':' || u."id"
    FROM "BoardThreadSubscription" s JOIN "User" u ON u."id" = s."userId"
    WHERE s."threadId" = ${input.threadId} AND s."userId" <> ${input.authorId} AND u."emailVerifiedAt" IS NOT NULL
      AND (u."boardSuspendedUntil" IS NULL OR u."boardSuspendedUntil" < now())
    ORDER BY u."id"
    ON CONFLICT ("dedupeKey") DO NOTHING`;
}
