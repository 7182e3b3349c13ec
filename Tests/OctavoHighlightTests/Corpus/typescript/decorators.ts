function logged(target: any, key: string, descriptor: PropertyDescriptor) {
  const original = descriptor.value;
  descriptor.value = function (...args: unknown[]) {
    console.log(`calling ${key} with`, args);
    return original.apply(this, args);
  };
  return descriptor;
}

interface Chapter {
  id: string;
  title: string;
  words: number;
}

class Book {
  private chapters: Chapter[] = [];

  @logged
  add(chapter: Chapter): number {
    this.chapters.push(chapter);
    return this.chapters.length;
  }

  get words(): number {
    return this.chapters.reduce((n, c) => n + c.words, 0);
  }

  toc(): string[] {
    return this.chapters.map((c, i) => `${i + 1}. ${c.title}`);
  }
}

const book = new Book();
book.add({ id: 'quay', title: 'The Quay', words: 3200 });
console.log(book.toc(), book.words as number);
