<?php

namespace App\Repository;

use PDO;

interface BookRepository
{
    public function find(int $id): ?array;
}

class PdoBookRepository implements BookRepository
{
    public function __construct(private PDO $pdo)
    {
    }

    public function find(int $id): ?array
    {
        $statement = $this->pdo->prepare('SELECT id, title, year FROM books WHERE id = :id');
        $statement->execute(['id' => $id]);
        $row = $statement->fetch(PDO::FETCH_ASSOC);
        return $row === false ? null : $row;
    }

    public function recent(int $limit = 10): array
    {
        $sql = "SELECT * FROM books ORDER BY year DESC LIMIT {$limit}";
        return $this->pdo->query($sql)->fetchAll();
    }
}
