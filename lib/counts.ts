/**
 * Numbers and counted words as the interface's English writes them, everywhere it counts.
 */

/** "12,000": grouped the English way whatever the browser's locale, since the sentences around it
 * are English, and "12.000" would read there as twelve. */
export const formatCount = (n: number): string => n.toLocaleString('en');

/** "1 claim", "12,000 claims". */
export const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** "16.0 MB": a size in mebibytes (1,048,576 bytes), as the pack and feed limits are set, one
 * decimal. */
export const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
