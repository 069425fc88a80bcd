/** Hands a text to the browser as a file download, as export buttons do. */
export function saveFile(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoke on the next task: the download has started by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
