module Ledger
  ( Entry (..)
  , Ledger
  , record
  , total
  ) where

import qualified Data.Map.Strict as Map
import Data.Maybe (fromMaybe)

-- | One ship in the harbour.
data Entry = Entry
  { vessel  :: String
  , tonnage :: Double
  , berth   :: Maybe Int
  } deriving (Show, Eq)

newtype Ledger = Ledger (Map.Map String Entry)

record :: Entry -> Ledger -> Ledger
record e (Ledger m) = Ledger (Map.insert (vessel e) e m)

total :: Ledger -> Double
total (Ledger m) = sum (map tonnage (Map.elems m))

berthOf :: String -> Ledger -> Int
berthOf name (Ledger m) = fromMaybe 0 (Map.lookup name m >>= berth)
