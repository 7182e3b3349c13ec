#import <Foundation/Foundation.h>

// Word counting on every string.
@interface NSString (WordCount)
- (NSUInteger)wordCount;
@end

@implementation NSString (WordCount)

- (NSUInteger)wordCount {
    __block NSUInteger count = 0;
    [self enumerateSubstringsInRange:NSMakeRange(0, self.length)
                             options:NSStringEnumerationByWords
                          usingBlock:^(NSString *word, NSRange range, NSRange enclosing, BOOL *stop) {
        count++;
    }];
    return count;
}

@end

static void report(NSString *text) {
    NSUInteger words = [text wordCount];
    printf("%lu words\n", (unsigned long)words);
}
