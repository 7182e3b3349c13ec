#import <Foundation/Foundation.h>

@protocol TideSource <NSObject>
@required
- (double)heightAtDate:(NSDate *)date;
@optional
- (NSString *)stationName;
@end

@interface TideTable : NSObject
@property (nonatomic, weak, nullable) id<TideSource> source;
- (NSArray<NSNumber *> *)heightsFrom:(NSDate *)start hours:(NSUInteger)hours;
@end

@implementation TideTable

- (NSArray<NSNumber *> *)heightsFrom:(NSDate *)start hours:(NSUInteger)hours {
    NSMutableArray *heights = [NSMutableArray arrayWithCapacity:hours];
    for (NSUInteger h = 0; h < hours; h++) {
        NSDate *date = [start dateByAddingTimeInterval:h * 3600.0];
        double height = [self.source heightAtDate:date];
        [heights addObject:@(height)];
    }
    if ([self.source respondsToSelector:@selector(stationName)]) {
        NSLog(@"Station: %@", [self.source stationName]);
    }
    return [heights copy];
}

@end
