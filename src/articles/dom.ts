/**
 * The little of the DOM the article reader uses. The project compiles without the DOM
 * library (it is a server), so linkedom's and Readability's DOM types are described here.
 */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly childNodes: ArrayLike<DomNode>;
}
export interface DomElement extends DomNode {
  readonly children: ArrayLike<DomElement>;
  readonly tagName: string;
  remove(): void;
  getAttribute(name: string): string | null;
  querySelector(selector: string): DomElement | null;
  querySelectorAll(selector: string): Iterable<DomElement>;
}
export interface DomDocument extends DomElement {
  readonly title: string;
  readonly documentElement: DomElement;
}
