module Main (main) where

import Data.Char (isAlpha, toLower)
import Data.List (sortBy)
import Data.Ord (comparing, Down (..))
import qualified Data.Map as M

-- Counts the words of standard input.
main :: IO ()
main = do
  text <- getContents
  let ws = words (map normalize text)
      counts = M.fromListWith (+) [(w, 1 :: Int) | w <- ws]
      top = take 10 (sortBy (comparing (Down . snd)) (M.toList counts))
  mapM_ (\(w, n) -> putStrLn (w ++ " " ++ show n)) top
  where
    normalize c
      | isAlpha c = toLower c
      | otherwise = ' '
