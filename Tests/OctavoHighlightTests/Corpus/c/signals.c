#include <signal.h>
#include <stdbool.h>
#include <unistd.h>
#include <errno.h>

static volatile sig_atomic_t stop = 0;

static void on_signal(int signo)
{
    (void)signo;
    stop = 1;
}

int serve(int fd)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGINT, &sa, NULL) == -1 || sigaction(SIGTERM, &sa, NULL) == -1)
        return -1;

    char buf[4096];
    while (!stop) {
        ssize_t n = read(fd, buf, sizeof buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        switch (buf[0]) {
        case 'q':
            stop = 1;
            break;
        default:
            write(STDOUT_FILENO, buf, (size_t)n);
        }
    }
    return 0;
}
