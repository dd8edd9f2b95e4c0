// What a finished "Start This Chapter" did, in the words both the notification (checkpointMessages.ts)
// and the reader (media/src/labels.ts) use. Pure: the webview imports it too.

/** "4 commands ran, 1 was already done". */
export function startCounts(ran: number, held: number): string {
  return `${ran} command${ran === 1 ? '' : 's'} ran, ${held} ${held === 1 ? 'was' : 'were'} already done`;
}
