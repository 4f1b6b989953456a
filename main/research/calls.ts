import type { AnswerExportFormat, CoreCalls } from '../contract';
import { AppError } from '../errors';
import { safeFileName, writeFileAtomically } from '../files';
import type { Logger } from '../log';
import type { Platform } from '../platform';
import type { Answerer } from './answer';
import type { ConversationStore } from './conversations';
import { answerToDocx, answerToMarkdown } from './export';

interface ResearchCallsOptions {
  answerer: Answerer;
  conversations: ConversationStore;
  /** The save dialog of the export; without it the export says so in German. */
  platform: Pick<Platform, 'chooseSavePath'>;
  log: Logger;
}

type ResearchCalls = Pick<
  CoreCalls,
  'ask' | 'cancelAnswer' | 'listConversations' | 'getConversation' | 'deleteConversation' | 'deleteAllConversations' | 'exportAnswer'
>;

/** A file name from the question. */
export const suggestedName = (question: string, format: AnswerExportFormat) => safeFileName(question, format, 'Antwort', 60);

export function researchCalls({ answerer, conversations, platform, log }: ResearchCallsOptions): ResearchCalls {
  return {
    ask: (input) => answerer.ask(input),
    async cancelAnswer({ askId }) {
      return { cancelled: answerer.cancel(askId) };
    },
    async listConversations(arg) {
      return conversations.list(arg?.query);
    },
    async getConversation({ id }) {
      const conversation = conversations.get(id);
      if (!conversation) throw new AppError('not_found', 'Diese Unterhaltung gibt es nicht mehr.');
      return conversation;
    },
    async deleteConversation({ id }) {
      if (!conversations.delete(id)) throw new AppError('not_found', 'Diese Unterhaltung gibt es nicht mehr.');
      log.info('conversation deleted', { id });
    },
    async deleteAllConversations() {
      const deleted = conversations.deleteAll();
      log.info('all conversations deleted', { deleted });
      return { deleted };
    },
    async exportAnswer({ turnId, format }) {
      const turn = conversations.turn(turnId);
      if (!turn) throw new AppError('not_found', 'Diese Antwort gibt es nicht mehr.');
      if (!platform.chooseSavePath) throw new AppError('unavailable', 'Speichern ist hier nicht möglich.');
      const path = await platform.chooseSavePath(suggestedName(turn.question, format), format);
      if (!path) return { path: null };
      const content = format === 'md' ? Buffer.from(answerToMarkdown(turn), 'utf8') : await answerToDocx(turn);
      writeFileAtomically(path, content);
      log.info('answer exported', { turnId, format, path });
      return { path };
    },
  };
}
