#import <UIKit/UIKit.h>
#import "ChapterStore.h"

@interface ChapterListController () <UITableViewDataSource>
@property (nonatomic, strong) ChapterStore *store;
@end

@implementation ChapterListController

- (void)viewDidLoad {
    [super viewDidLoad];
    self.title = NSLocalizedString(@"Chapters", nil);
    self.tableView.dataSource = self;
    [self.store reloadWithCompletion:^(NSError *error) {
        if (error != nil) {
            NSLog(@"reload failed: %@", error.localizedDescription);
            return;
        }
        dispatch_async(dispatch_get_main_queue(), ^{
            [self.tableView reloadData];
        });
    }];
}

- (NSInteger)tableView:(UITableView *)tableView numberOfRowsInSection:(NSInteger)section {
    return (NSInteger)self.store.chapters.count;
}

- (UITableViewCell *)tableView:(UITableView *)tableView cellForRowAtIndexPath:(NSIndexPath *)indexPath {
    UITableViewCell *cell = [tableView dequeueReusableCellWithIdentifier:@"Chapter" forIndexPath:indexPath];
    cell.textLabel.text = self.store.chapters[indexPath.row];
    return cell;
}

@end
