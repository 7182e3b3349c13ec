use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

fn main() {
    let counter = Arc::new(Mutex::new(0u64));
    let (tx, rx) = mpsc::channel::<String>();
    let mut handles = vec![];

    for id in 0..4 {
        let counter = Arc::clone(&counter);
        let tx = tx.clone();
        handles.push(thread::spawn(move || {
            for _ in 0..1_000 {
                *counter.lock().unwrap() += 1;
            }
            thread::sleep(Duration::from_millis(10 * id));
            tx.send(format!("thread {id} finished")).unwrap();
        }));
    }
    drop(tx);

    for message in rx {
        println!("{message}");
    }
    for handle in handles {
        handle.join().expect("thread panicked");
    }
    assert_eq!(*counter.lock().unwrap(), 4_000);
}
