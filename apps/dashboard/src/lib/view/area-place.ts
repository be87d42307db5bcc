// Where an area lies, in words: its ancestors nearest first, so namesakes can be told apart.

/** "Nalo Tantan, Kabupaten Merangin, Jambi" for a village; empty for a province. */
export function placeOf(area: { ancestors: readonly { name: string }[] }): string {
  return area.ancestors
    .map((a) => a.name)
    .reverse()
    .join(', ');
}
