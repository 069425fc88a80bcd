/**
 * Which rows of a screenshot hold a colour, for tests that check where a mark's line is drawn.
 * Runs in a browser page (pass it to `evaluate`), which decodes the PNG itself: the test runner has
 * no image decoder of its own. A pixel holds the colour when its channels differ from it by less
 * than 48 in all: an anti-aliased edge half over the page does not, a line's own pixels do.
 */
export async function colourRowsInPng({ data, colour }: { data: string; colour: string }): Promise<{ found: number[]; widest: number }> {
  const image = new Image();
  image.src = `data:image/png;base64,${data}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d')!;
  context.drawImage(image, 0, 0);
  const { data: pixels } = context.getImageData(0, 0, image.width, image.height);
  const want = [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16));
  const found: number[] = [];
  let widest = 0;
  for (let y = 0; y < image.height; y++) {
    let count = 0;
    for (let x = 0; x < image.width; x++) {
      const at = (y * image.width + x) * 4;
      if (Math.abs(pixels[at]! - want[0]!) + Math.abs(pixels[at + 1]! - want[1]!) + Math.abs(pixels[at + 2]! - want[2]!) < 48) count++;
    }
    if (count) found.push(y);
    widest = Math.max(widest, count);
  }
  return { found, widest };
}
