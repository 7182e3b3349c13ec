#import <Foundation/Foundation.h>

NS_ASSUME_NONNULL_BEGIN

@interface Bookmark : NSObject <NSCopying>
@property (nonatomic, copy) NSString *title;
@property (nonatomic, strong) NSURL *url;
@property (nonatomic, assign) NSInteger visits;
- (instancetype)initWithTitle:(NSString *)title url:(NSURL *)url;
- (void)visit;
@end

NS_ASSUME_NONNULL_END

@implementation Bookmark

- (instancetype)initWithTitle:(NSString *)title url:(NSURL *)url {
    self = [super init];
    if (self) {
        _title = [title copy];
        _url = url;
        _visits = 0;
    }
    return self;
}

- (void)visit {
    self.visits += 1;
    NSLog(@"Visited %@ (%ld times)", self.title, (long)self.visits);
}

- (id)copyWithZone:(NSZone *)zone {
    return [[Bookmark allocWithZone:zone] initWithTitle:self.title url:self.url];
}

@end
