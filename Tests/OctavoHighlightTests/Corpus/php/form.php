<?php
// Handles the contact form.
session_start();

$errors = [];
$name = trim($_POST['name'] ?? '');
$email = filter_var($_POST['email'] ?? '', FILTER_VALIDATE_EMAIL);

if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    if ($name === '') {
        $errors[] = 'Please give your name.';
    }
    if ($email === false) {
        $errors[] = "That address doesn't look right.";
    }
    if (empty($errors)) {
        $_SESSION['flash'] = "Thank you, {$name}!";
        header('Location: /thanks.php', true, 303);
        exit;
    }
}

foreach ($errors as $i => $error) {
    echo '<p class="error">' . htmlspecialchars($error) . "</p>\n";
}
