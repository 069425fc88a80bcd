/**
 * Tag names for Claimlight's layers that the page cannot guess: a page that defines a custom
 * element under a fixed name before we create ours would make attaching our shadow root throw,
 * and its rules and scripts could aim at it by name.
 */
export function unguessableTagName(prefix: LayerPrefix): string {
  const letters = Array.from(crypto.getRandomValues(new Uint8Array(NAME_LETTERS)), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${prefix}-${letters}`;
}

/** The names Claimlight's two layers are made under: the marks', and the card's. */
export const LAYER_PREFIXES = { marks: 'claimlight-marks', card: 'claimlight-ui' } as const;
type LayerPrefix = (typeof LAYER_PREFIXES)[keyof typeof LAYER_PREFIXES];
/** How many random letters follow a layer's prefix. */
const NAME_LETTERS = 12;
const LAYER_NAME = new RegExp(`^(?:${Object.values(LAYER_PREFIXES).join('|')})-[a-z]{${NAME_LETTERS}}$`);

/** Whether an element is one of Claimlight's layers, by the names `unguessableTagName` gives them. */
export function isLayerName(localName: string): boolean {
  return LAYER_NAME.test(localName);
}

/**
 * Takes away the layers a copy of Claimlight that is gone left beside the body: Firefox unloads an
 * add-on's code when it is disabled and enabled again, updated or reloaded, and that copy could not
 * take its layers with it. Its frozen marks, and a card it had open, stayed over the page, and the
 * new copy drew its own beside them. Run before this copy draws anything.
 */
export function removeEarlierLayers(document: Document): number {
  const earlier = [...document.documentElement.children].filter((element) => isLayerName(element.localName));
  for (const element of earlier) element.remove();
  return earlier.length;
}
