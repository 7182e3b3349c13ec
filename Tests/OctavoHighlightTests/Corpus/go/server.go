package main

import (
	"encoding/json"
	"log"
	"net/http"
	"time"
)

type Status struct {
	Name    string    `json:"name"`
	Healthy bool      `json:"healthy"`
	Checked time.Time `json:"checked"`
}

func statusHandler(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	s := Status{Name: "octavo", Healthy: true, Checked: time.Now()}
	w.Header().Set("Content-Type", "application/json")
	if err := json.NewEncoder(w).Encode(s); err != nil {
		log.Printf("encode: %v", err)
	}
}

func main() {
	mux := http.NewServeMux()
	mux.HandleFunc("/status", statusHandler)
	srv := &http.Server{Addr: ":8080", Handler: mux, ReadTimeout: 5 * time.Second}
	log.Fatal(srv.ListenAndServe())
}
