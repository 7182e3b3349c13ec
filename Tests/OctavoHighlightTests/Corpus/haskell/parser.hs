module Expr (Expr (..), eval, parseExpr) where

import Data.Char (isDigit, isSpace)

data Expr
  = Num Integer
  | Add Expr Expr
  | Mul Expr Expr
  deriving (Show, Eq)

eval :: Expr -> Integer
eval (Num n) = n
eval (Add a b) = eval a + eval b
eval (Mul a b) = eval a * eval b

{- A tiny recursive-descent parser:
   sums of products of numbers. -}
parseExpr :: String -> Maybe Expr
parseExpr s = case sumP (filter (not . isSpace) s) of
  Just (e, "") -> Just e
  _ -> Nothing
  where
    sumP str = do
      (a, rest) <- prodP str
      case rest of
        '+' : more -> do
          (b, rest') <- sumP more
          pure (Add a b, rest')
        _ -> pure (a, rest)
    prodP str = do
      (a, rest) <- numP str
      case rest of
        '*' : more -> fmap (\(b, r) -> (Mul a b, r)) (prodP more)
        _ -> pure (a, rest)
    numP str = case span isDigit str of
      ("", _) -> Nothing
      (ds, rest) -> Just (Num (read ds), rest)
