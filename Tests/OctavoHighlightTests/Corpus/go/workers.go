package main

import (
	"fmt"
	"sync"
)

// Squares numbers with a pool of workers.
func worker(id int, jobs <-chan int, results chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	for n := range jobs {
		results <- fmt.Sprintf("worker %d: %d squared is %d", id, n, n*n)
	}
}

func main() {
	const workers = 3
	jobs := make(chan int, 10)
	results := make(chan string, 10)
	var wg sync.WaitGroup

	for i := 1; i <= workers; i++ {
		wg.Add(1)
		go worker(i, jobs, results, &wg)
	}
	for n := 1; n <= 9; n++ {
		jobs <- n
	}
	close(jobs)
	go func() {
		wg.Wait()
		close(results)
	}()
	for line := range results {
		fmt.Println(line)
	}
}
