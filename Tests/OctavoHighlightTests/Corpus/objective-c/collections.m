#import <Foundation/Foundation.h>

int main(int argc, const char *argv[]) {
    @autoreleasepool {
        NSArray<NSString *> *ports = @[@"Lisbon", @"Genoa", @"Bergen"];
        NSDictionary<NSString *, NSNumber *> *depths = @{
            @"Lisbon": @12.5,
            @"Genoa": @9,
            @"Bergen": @14,
        };
        NSMutableArray *deep = [NSMutableArray array];
        for (NSString *port in ports) {
            NSNumber *depth = depths[port];
            if (depth.doubleValue > 10.0) {
                [deep addObject:port];
            }
        }
        BOOL any = deep.count > 0;
        NSLog(@"%@ deep harbours: %@", any ? @"Some" : @"No", [deep componentsJoinedByString:@", "]);
    }
    return 0;
}
